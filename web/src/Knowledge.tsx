import { useCallback, useEffect, useState } from 'react';
import type { Api, KnowledgeBase, KnowledgeDocument, SearchHit, SearchMode } from './api';
import { describeError } from './api';

const FINISHED = ['READY', 'FAILED'];

/** One document's stage and how far it is, as a person reads it. */
export function progressOf(document: KnowledgeDocument): string {
  if (document.status === 'FAILED') {
    return document.failureReason ?? 'failed';
  }
  if (document.status === 'READY') {
    return `${document.chunks} chunks${document.pages ? `, ${document.pages} pages` : ''}`;
  }
  const { done, total, unit } = document.progress;
  return total > 0 ? `${done} of ${total} ${unit}` : '';
}

function Documents({ api, kb }: { api: Api; kb: KnowledgeBase }) {
  const [documents, setDocuments] = useState<KnowledgeDocument[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  const load = useCallback(() => {
    api
      .listDocuments(kb.id)
      .then((page) => {
        setDocuments(page.items);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, [api, kb.id]);

  useEffect(load, [load]);

  // live status: look again while any document is still in the pipeline
  const inProgress = (documents ?? []).some((d) => !FINISHED.includes(d.status));
  useEffect(() => {
    if (!inProgress) {
      return undefined;
    }
    const timer = setInterval(load, 1000);
    return () => clearInterval(timer);
  }, [inProgress, load]);

  const upload = async (files: File[]) => {
    if (files.length === 0) {
      return;
    }
    try {
      await api.uploadDocuments(kb.id, files);
      setError(null);
      load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  const remove = async (document: KnowledgeDocument) => {
    try {
      await api.deleteDocument(kb.id, document.id);
      load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <>
      <div
        className={over ? 'dropzone over' : 'dropzone'}
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          void upload(Array.from(event.dataTransfer.files));
        }}
      >
        <p>Drop PDF, DOCX, PPTX, XLSX, HTML, Markdown, text or CSV files here, or</p>
        <input
          type="file"
          multiple
          aria-label="Upload documents"
          onChange={(event) => {
            void upload(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
      </div>
      {error && <p className="error">{error}</p>}
      <table aria-label="Documents">
        <thead>
          <tr>
            <th>Document</th>
            <th>Status</th>
            <th>Progress</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(documents ?? []).map((d) => (
            <tr key={d.id}>
              <td>{d.name}</td>
              <td className={d.status === 'FAILED' ? 'down' : d.status === 'READY' ? 'up' : ''}>{d.status}</td>
              <td>{progressOf(d)}</td>
              <td>
                <button type="button" onClick={() => remove(d)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {documents?.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No documents yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}

function SearchPlayground({ api, kb }: { api: Api; kb: KnowledgeBase }) {
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<SearchMode>('hybrid');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      setHits((await api.search(kb.id, query, mode)).items);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section aria-label="Search">
      <h3>Search</h3>
      <form onSubmit={search}>
        <input aria-label="Search query" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Ask" />
        <select aria-label="Search mode" value={mode} onChange={(e) => setMode(e.target.value as SearchMode)}>
          <option value="hybrid">hybrid</option>
          <option value="vector">vector</option>
          <option value="fulltext">full text</option>
        </select>
        <button type="submit">Search</button>
      </form>
      {error && <p className="error">{error}</p>}
      {hits && (
        <ol className="hits">
          {hits.map((hit) => (
            <li key={hit.chunkId} data-testid="search-hit">
              <p>
                <strong>{hit.documentName}</strong>
                {hit.page !== null && <span className="muted"> page {hit.page}</span>}
                {hit.headingPath.length > 0 && <span className="muted"> · {hit.headingPath.join(' › ')}</span>}
                <span className="muted">
                  {' '}
                  · score {hit.score.toFixed(4)}
                  {hit.similarity !== null && `, similarity ${hit.similarity.toFixed(3)}`} · characters{' '}
                  {hit.startOffset}–{hit.endOffset}
                </span>
              </p>
              <blockquote>{hit.content}</blockquote>
            </li>
          ))}
          {hits.length === 0 && <li className="muted">Nothing found.</li>}
        </ol>
      )}
    </section>
  );
}

/** A tenant's knowledge bases: create, upload and watch documents become searchable, search them, delete. */
export function Knowledge({ api }: { api: Api }) {
  const [bases, setBases] = useState<KnowledgeBase[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api
      .listKnowledgeBases()
      .then((page) => {
        setBases(page.items);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, [api]);

  useEffect(load, [load]);

  const create = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const created = await api.createKnowledgeBase(name);
      setName('');
      setSelected(created.id);
      load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  const remove = async (kb: KnowledgeBase) => {
    try {
      await api.deleteKnowledgeBase(kb.id);
      if (selected === kb.id) {
        setSelected(null);
      }
      load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  const current = (bases ?? []).find((kb) => kb.id === selected) ?? null;
  return (
    <section aria-label="Knowledge">
      <h2>Knowledge bases</h2>
      <form onSubmit={create}>
        <input
          aria-label="Knowledge base name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Handbook"
        />
        <button type="submit">Create knowledge base</button>
      </form>
      {error && <p className="error">{error}</p>}
      <table aria-label="Knowledge bases">
        <thead>
          <tr>
            <th>Name</th>
            <th>Documents</th>
            <th>Chunks</th>
            <th>Model</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(bases ?? []).map((kb) => (
            <tr key={kb.id} aria-selected={kb.id === selected}>
              <td>
                <button type="button" className="link" onClick={() => setSelected(kb.id)}>
                  {kb.name}
                </button>
              </td>
              <td>
                {kb.readyDocuments} of {kb.documents} ready
              </td>
              <td>{kb.chunks}</td>
              <td>{kb.embeddingModel}</td>
              <td>
                <button type="button" onClick={() => remove(kb)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {current && (
        <section aria-label={`Knowledge base ${current.name}`}>
          <h3>{current.name}</h3>
          <Documents api={api} kb={current} />
          <SearchPlayground api={api} kb={current} />
        </section>
      )}
    </section>
  );
}
