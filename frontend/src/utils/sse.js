/**
 * A Server-Sent Events parser for streams read with fetch (EventSource cannot send the Bearer
 * header). Feed it text chunks as they arrive; it returns the complete events so far.
 */
export function createSseParser() {
  let buffer = '';

  /** @returns {{event: string, data: unknown, id: string | null}[]} */
  function push(chunk) {
    buffer += chunk.replace(/\r\n?/g, '\n');
    const events = [];
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parseFrame(frame);
      if (event) events.push(event);
    }
    return events;
  }

  return { push };
}

function parseFrame(frame) {
  const data = [];
  let event = 'message';
  let id = null;
  for (const line of frame.split('\n')) {
    if (!line || line.startsWith(':')) continue; // a comment: keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
  }
  if (!data.length) return null;
  const text = data.join('\n');
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { event, data: parsed, id };
}
