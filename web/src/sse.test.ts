import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('parses events split across chunks, with ids, names, comments and multi-line data', () => {
    const parser = new SseParser();
    expect(parser.push(': keep-alive\n\nid: 7\nevent: text_del')).toEqual([]);
    expect(parser.push('ta\ndata: {"text":"Hel"}\n\nid: 8\r\nevent: final_result\r\ndata: a\r\ndata: b\r\n\r\n')).toEqual([
      { id: '7', event: 'text_delta', data: '{"text":"Hel"}' },
      { id: '8', event: 'final_result', data: 'a\nb' },
    ]);
  });

  it('names an unnamed event "message" and keeps the last id', () => {
    const parser = new SseParser();
    expect(parser.push('id: 3\ndata: x\n\ndata:y\n\n')).toEqual([
      { id: '3', event: 'message', data: 'x' },
      { id: '3', event: 'message', data: 'y' },
    ]);
  });
});
