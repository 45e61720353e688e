// Loaded with `node --import`: appends the URL of every file module the process loads to the file
// named by TRACE_MODULES_FILE, through Node's module customization hooks (they run on their own
// thread, so they write to a file rather than to this process's memory).
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) {
  file = data;
}
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:')) {
    appendFileSync(file, url + '\\n');
  }
  return nextLoad(url, context);
}
`;

const file = process.env['TRACE_MODULES_FILE'];
if (file) {
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: file });
}
