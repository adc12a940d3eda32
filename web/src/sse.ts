/** One server-sent event. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * Parses a server-sent event stream as it arrives in chunks (the WHATWG rules that matter here:
 * `id`, `event`, multi-line `data`, comments, CRLF or LF). EventSource cannot send an
 * Authorization header, so the console reads streams with fetch and this parser.
 */
export class SseParser {
  private buffer = '';
  private id: string | undefined;
  private event = 'message';
  private data: string[] = [];

  /** Feeds a chunk; answers the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const length = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + length);
      if (line === '') {
        if (this.data.length > 0) {
          events.push({ id: this.id, event: this.event, data: this.data.join('\n') });
        }
        this.event = 'message';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.event = value;
      else if (field === 'id') this.id = value;
    }
    return events;
  }
}
