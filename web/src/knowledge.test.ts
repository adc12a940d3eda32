import { describe, expect, it } from 'vitest';
import type { KnowledgeDocument } from './api';
import { progressOf } from './Knowledge';

const document = (overrides: Partial<KnowledgeDocument>): KnowledgeDocument => ({
  id: 'd',
  knowledgeBaseId: 'k',
  name: 'a.pdf',
  mediaType: 'application/pdf',
  sizeBytes: 10,
  status: 'EMBEDDING',
  failureReason: null,
  progress: { done: 3, total: 12, unit: 'chunks' },
  pages: 4,
  chunks: 12,
  createdAt: '2026-12-06T00:00:00Z',
  ...overrides,
});

describe('progressOf', () => {
  it('counts what a stage has done while it runs', () => {
    expect(progressOf(document({}))).toBe('3 of 12 chunks');
    expect(progressOf(document({ status: 'UPLOADED', progress: { done: 0, total: 0, unit: 'chunks' } }))).toBe('');
  });

  it('shows chunks and pages when ready, and the reason when failed', () => {
    expect(progressOf(document({ status: 'READY' }))).toBe('12 chunks, 4 pages');
    expect(progressOf(document({ status: 'FAILED', failureReason: 'Its text could not be extracted.' }))).toBe(
      'Its text could not be extracted.',
    );
  });
});
