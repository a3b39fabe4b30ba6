// Writes `FILE.br` and `FILE.gz` beside every compressible file of a built site, so that a
// static host that serves precompressed files (nginx gzip_static/brotli_static, Caddy's
// precompressed, many CDNs) sends them without compressing on each request.
// Usage: node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg', '.csv', '.txt']);
const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/precompress.mjs DIR');
  process.exit(2);
}

let files = 0;
let before = 0;
let after = 0;
function walk(directory) {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const bytes = readFileSync(path);
    // Tiny files gain nothing worth a second request path.
    if (bytes.length < 256) continue;
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    writeFileSync(`${path}.br`, brotli);
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    files += 1;
    before += bytes.length;
    after += brotli.length;
  }
}
walk(folder);
console.log(`precompressed ${files} files: ${(before / 1024).toFixed(0)} KB -> ${(after / 1024).toFixed(0)} KB brotli`);
