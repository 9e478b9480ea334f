<?cs # One form field with its label, help and message (used by form.cs).
     Ids: f-NAME (the input), f-NAME-help, f-NAME-error. ?>
<?cs def:describedby(f) ?><?cs if:f.Help ?>f-<?cs var:f.Name ?>-help<?cs /if ?><?cs if:f.Error ?> f-<?cs var:f.Name ?>-error<?cs /if ?><?cs /def ?>
<?cs def:field(f) ?>
<div class="field<?cs if:f.Error ?> field-error<?cs /if ?>">
<?cs if:f.Type == "yesno" ?>
  <fieldset id="f-<?cs var:f.Name ?>"<?cs if:f.Help || f.Error ?> aria-describedby="<?cs call:describedby(f) ?>"<?cs /if ?>>
  <legend><?cs var:f.Label ?><?cs if:f.Required ?> <span class="required">(required)</span><?cs /if ?></legend>
  <?cs if:f.Help ?><p class="help" id="f-<?cs var:f.Name ?>-help"><?cs var:f.Help ?></p><?cs /if ?>
  <?cs if:f.Error ?><p class="field-message" id="f-<?cs var:f.Name ?>-error"><?cs var:f.Error ?></p><?cs /if ?>
  <label class="choice"><input type="radio" name="<?cs var:f.Name ?>" value="1"<?cs if:f.Value == "1" ?> checked<?cs /if ?>> Yes</label>
  <label class="choice"><input type="radio" name="<?cs var:f.Name ?>" value="0"<?cs if:f.Value == "0" ?> checked<?cs /if ?>> No</label>
  </fieldset>
<?cs elif:f.Type == "check" ?>
  <?cs if:f.Error ?><p class="field-message" id="f-<?cs var:f.Name ?>-error"><?cs var:f.Error ?></p><?cs /if ?>
  <label class="choice" for="f-<?cs var:f.Name ?>"><input type="checkbox" id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" value="1"<?cs if:f.Value == "1" ?> checked<?cs /if ?><?cs if:f.Help || f.Error ?> aria-describedby="<?cs call:describedby(f) ?>"<?cs /if ?><?cs if:f.Error ?> aria-invalid="true"<?cs /if ?>>
  <?cs var:f.Label ?><?cs if:f.Required ?> <span class="required">(required)</span><?cs /if ?></label>
  <?cs if:f.Help ?><p class="help" id="f-<?cs var:f.Name ?>-help"><?cs var:f.Help ?></p><?cs /if ?>
<?cs else ?>
  <label for="f-<?cs var:f.Name ?>"><?cs var:f.Label ?><?cs if:f.Required ?> <span class="required">(required)</span><?cs /if ?></label>
  <?cs if:f.Help ?><p class="help" id="f-<?cs var:f.Name ?>-help"><?cs var:f.Help ?></p><?cs /if ?>
  <?cs if:f.Error ?><p class="field-message" id="f-<?cs var:f.Name ?>-error"><?cs var:f.Error ?></p><?cs /if ?>
  <?cs if:f.Type == "textarea" ?>
  <textarea id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" rows="6" maxlength="<?cs var:f.Max ?>"<?cs if:f.Help || f.Error ?> aria-describedby="<?cs call:describedby(f) ?>"<?cs /if ?><?cs if:f.Error ?> aria-invalid="true"<?cs /if ?>><?cs var:f.Value ?></textarea>
  <?cs elif:f.Type == "select" ?>
  <select id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>"<?cs if:f.Help || f.Error ?> aria-describedby="<?cs call:describedby(f) ?>"<?cs /if ?><?cs if:f.Error ?> aria-invalid="true"<?cs /if ?>>
    <option value="">Choose...</option>
    <?cs each:o = f.Options ?><option value="<?cs var:o.Value ?>"<?cs if:o.Selected ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?>
  </select>
  <?cs else ?>
  <input id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" value="<?cs var:f.Value ?>"<?cs
    if:f.Type == "date" ?> type="date"<?cs
    elif:f.Type == "number" ?> type="text" inputmode="numeric" size="8"<?cs
    elif:f.Type == "hours" ?> type="text" inputmode="decimal" size="10"<?cs
    elif:f.Type == "employee_id" ?> type="text" inputmode="numeric" size="10" maxlength="8" autocomplete="off"<?cs
    elif:f.Type == "phone" ?> type="tel" size="16" maxlength="25"<?cs
    elif:f.Type == "zip" ?> type="text" inputmode="numeric" size="10" maxlength="10"<?cs
    elif:f.Type == "state" ?> type="text" size="3" maxlength="2"<?cs
    else ?> type="text" maxlength="<?cs var:f.Max ?>"<?cs /if ?><?cs if:f.Help || f.Error ?> aria-describedby="<?cs call:describedby(f) ?>"<?cs /if ?><?cs if:f.Error ?> aria-invalid="true"<?cs /if ?>>
  <?cs /if ?>
<?cs /if ?>
</div>
<?cs /def ?>
