// Writes `FILE.br` and `FILE.gz` beside every compressible file of a built site, so that a
// static host that serves precompressed files (nginx gzip_static/brotli_static, Caddy's
// precompressed, many CDNs) sends them without compressing on each request.
// Usage: node scripts/precompress.mjs DIR
//
// Brotli at quality 11 is slow (about 1 MB/s a core): files are compressed on every core,
// in libuv's thread pool, sized here before anything uses it.
import { availableParallelism } from 'node:os';
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism()));

const { readdirSync } = await import('node:fs');
const { readFile, writeFile } = await import('node:fs/promises');
const { join, extname } = await import('node:path');
const { promisify } = await import('node:util');
const zlib = await import('node:zlib');

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg', '.csv', '.txt']);
const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/precompress.mjs DIR');
  process.exit(2);
}

/** Every compressible file below `directory`. */
function compressible(directory, found = []) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) compressible(path, found);
    else if (COMPRESSIBLE.has(extname(entry.name))) found.push(path);
  }
  return found;
}

const files = compressible(folder);
let written = 0;
let before = 0;
let after = 0;
let next = 0;
async function worker() {
  while (next < files.length) {
    const path = files[next++];
    const bytes = await readFile(path);
    // Tiny files gain nothing worth a second request path.
    if (bytes.length < 256) continue;
    const [compressedBrotli, compressedGzip] = await Promise.all([
      brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      gzip(bytes, { level: 9 }),
    ]);
    await Promise.all([writeFile(`${path}.br`, compressedBrotli), writeFile(`${path}.gz`, compressedGzip)]);
    written += 1;
    before += bytes.length;
    after += compressedBrotli.length;
  }
}
await Promise.all(Array.from({ length: Number(process.env.UV_THREADPOOL_SIZE) }, worker));
console.log(`precompressed ${written} files: ${(before / 1024).toFixed(0)} KB -> ${(after / 1024).toFixed(0)} KB brotli`);
