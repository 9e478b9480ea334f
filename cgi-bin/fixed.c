/* fixed: a FastCGI responder that answers every request with the same
 * bytes, read once at start-up (HRPORTAL_FIXED_FILE). The benchmark serves
 * a saved handbook page through it to measure what Apache, mod_fcgid and
 * libfcgi cost by themselves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>

int main(void)
{
	const char *path = getenv("HRPORTAL_FIXED_FILE");
	char *body = NULL;
	long len = 0;
	FCGX_Request req;

	if (path != NULL) {
		FILE *f = fopen(path, "rb");

		if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
		    (body = malloc((size_t)len)) != NULL && fread(body, 1, (size_t)len, f) != (size_t)len) {
			free(body);
			body = NULL;
		}
		if (f != NULL)
			fclose(f);
	}
	if (body == NULL) {
		body = strdup("fixed\n");
		len = 6;
	}
	if (FCGX_Init() != 0 || FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 1;
	while (FCGX_Accept_r(&req) >= 0) {
		FCGX_FPrintF(req.out,
			     "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
			     "Content-Length: %ld\r\n\r\n",
			     len);
		FCGX_PutStr(body, (int)len, req.out);
		FCGX_Finish_r(&req);
	}
	free(body);
	return 0;
}
