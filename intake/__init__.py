"""Statement intake: from a report's text to proposed incidents, and from the
reviewed proposals to draft incidents (docs/intake.md).

The pipeline's modules are pure, free of Django and of the `incidents` app, so
that each can be tested alone; the app supplies the names engine through
`proposals.Recogniser`:

- `files.read_report(filename, data)`: an uploaded .txt, .html, .docx or .pdf as text;
- `language.detect(text)`: "en", "ru", "be" or "uk";
- `sentences.split(text)`: sentences with their exact offsets in the text;
- `kinds.kinds(sentence, lang)`: which kinds of incident a sentence reports;
- `dates.sentence_date(sentence, lang, report_date)`: the day a sentence states;
- `proposals.propose(text, report_date, language, recogniser)`: the proposals;
- `memory.MemoryRecogniser`: a plain in-memory recogniser (tests, organizations
  and cities for the app's recogniser);
- `measure`: precision and recall of proposals against what a report says.

The Django app around it:

- `recognise.DatabaseRecogniser`: the names engine asked about the database;
- `service`: proposals with their existing incidents; the one transaction that
  records a reviewed report (`create`);
- `models`: `Report` (a report taken in) and `PendingCitation` (an editor's
  citation of a published incident, waiting for a reviewer);
- `admin`: "Add incidents from a report" and its review; the pending citations;
- `management/commands/intake.py`: `manage.py intake` (docs/contracts.md).
"""
