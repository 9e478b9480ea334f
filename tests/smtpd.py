#!/usr/bin/python3
"""The test/dev SMTP relay lives in scripts/smtpd.py (the run command starts
it too); this name is kept for the tests and for habit. Same options."""
import os
import runpy
import sys

path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts", "smtpd.py")
sys.argv[0] = path
runpy.run_path(path, run_name="__main__")
