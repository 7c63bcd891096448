// Browser entry. The platform module must come first: isomorphic-git reads `Buffer` on load.
import './platform/browser';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './ui/Root';
import { ErrorBoundary } from './ui/layout/ErrorBoundary';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <Root />
    </ErrorBoundary>
  </StrictMode>,
);
