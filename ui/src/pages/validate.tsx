/**
 * Validate: paste, drop or pick an XML file; the emulator validates it as `ssbtek-emulator validate` does (the
 * schema chosen by its element, or one named) and the console shows the schema used and each violation, with its
 * line highlighted in the document.
 */
import { useEffect, useState } from 'preact/hooks';
import { admin } from '../api/client.js';
import type { ValidationResult } from '../api/types.js';
import { Notice, useLoad, usePageReady } from '../components/common.js';

export function ValidatePage() {
  const [text, setText] = useState('');
  const [name, setName] = useState('pasted.xml');
  const [schema, setSchema] = useState('');
  const [result, setResult] = useState<ValidationResult & { checked: string }>();
  const [error, setError] = useState<string>();
  const [over, setOver] = useState(false);
  const schemas = useLoad(
    (signal) => admin<{ schemas: { name: string; file: string }[] }>('/validate/schemas', { signal }),
    [],
  );
  usePageReady('validate', true);

  const read = async (file: File): Promise<void> => {
    setName(file.name);
    setText(await file.text());
    setResult(undefined);
  };
  const validate = async (): Promise<void> => {
    setError(undefined);
    try {
      const answer = await admin<ValidationResult>('/validate', {
        method: 'POST',
        body: { document: text, name, ...(schema && { schema }) },
      });
      setResult({ ...answer, checked: text });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const problemLines = new Set(result?.problems.map((p) => p.line));
  const lines = (result?.checked ?? '').split('\n');
  useEffect(() => {
    const first = result?.problems[0];
    if (first) document.getElementById(`line-${first.line}`)?.scrollIntoView({ block: 'center' });
  }, [result]);

  return (
    <section>
      <h1>Validate</h1>
      <form
        class={`drop ${over ? 'over' : ''}`}
        onSubmit={(event) => {
          event.preventDefault();
          void validate();
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          const file = event.dataTransfer?.files[0];
          if (file) void read(file);
        }}
      >
        <label for="v-document">XML document (paste it, drop a file here, or choose one)</label>
        <textarea
          id="v-document"
          class="code"
          rows={14}
          spellcheck={false}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setName('pasted.xml');
          }}
        />
        <div class="buttons">
          <label for="v-file">File</label>
          <input
            id="v-file"
            type="file"
            accept=".xml,text/xml,application/xml"
            onChange={(e) => e.currentTarget.files?.[0] && void read(e.currentTarget.files[0])}
          />
          <label for="v-schema">Schema</label>
          <select id="v-schema" value={schema} onChange={(e) => setSchema(e.currentTarget.value)}>
            <option value="">chosen by the document's element</option>
            {schemas.value?.schemas.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name} ({s.file})
              </option>
            ))}
          </select>
          <button type="submit" class="primary" disabled={!text.trim()}>
            Validate
          </button>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {result && (
        <section aria-label="Validation result">
          <h2 class={result.status === 'valid' ? 'ok' : 'bad'}>
            {result.status === 'valid' ? 'Valid' : result.status === 'invalid' ? 'Invalid' : 'Not readable as XML'}
            {result.schema && ` against ${result.schema}`}
          </h2>
          {result.problems.length > 0 && (
            <ol class="problems">
              {result.problems.map((p, i) => (
                <li key={i}>
                  <a href={`#line-${p.line}`}>Line {p.line}</a>
                  {p.col > 0 && `, column ${p.col}`}
                  {p.path && (
                    <>
                      {' '}
                      <code>{p.path}</code>
                    </>
                  )}
                  : {p.message}
                </li>
              ))}
            </ol>
          )}
          <pre class="numbered" aria-label="The document, violations highlighted">
            {lines.map((line, i) => (
              <div key={i} id={`line-${i + 1}`} class={problemLines.has(i + 1) ? 'problem-line' : undefined}>
                <span class="ln" aria-hidden="true">
                  {i + 1}
                </span>
                {problemLines.has(i + 1) && <span class="visually-hidden">violation on this line: </span>}
                {line}
              </div>
            ))}
          </pre>
        </section>
      )}
    </section>
  );
}
