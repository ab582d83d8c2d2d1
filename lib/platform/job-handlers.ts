/** Every job handler, imported once (lazily, by runJob) for its registration. */
import './workflow/issue-pdf';
import './certificates/pdf';
