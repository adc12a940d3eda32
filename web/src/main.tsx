import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App, resumeSession } from './App';
import { createApi } from './api';
import { createAuth } from './auth';
import './styles.css';

const auth = createAuth();
const api = createApi(auth.fetch);
const resumed = resumeSession(auth, api);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<main className="muted">Loading…</main>}>
      <App auth={auth} api={api} resumed={resumed} />
    </Suspense>
  </StrictMode>,
);
