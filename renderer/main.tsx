import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { forumApi } from './bridge/forum-api';
import { BackendsProvider } from './db/db-context';
import { ReaderDb } from './db/reader-db';
import './ui/app.css';

const db = new ReaderDb();
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BackendsProvider db={db} api={forumApi()}>
      <App />
    </BackendsProvider>
  </StrictMode>,
);
