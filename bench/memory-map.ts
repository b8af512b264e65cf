import { readFileSync } from 'node:fs';

/**
 * Where a process's resident memory is, from /proc/self/smaps (Linux), in MB, for BENCH_VERBOSE:
 *   files      mapped files (the node binary's code, shared libraries)
 *   v8Pages    V8's heap pages (256 KiB, 256 KiB-aligned anonymous mappings), whether the heap
 *              uses them (heapTotal) or keeps them in its page pool after a GC
 *   wasm       anonymous mappings of 64 MiB and more: WebAssembly memory (Lindera's dictionary)
 *   brkHeap    glibc malloc's main heap ([heap])
 *   otherAnon  the rest: malloc's thread arenas and large blocks, stacks, compiled code, module bytes
 */
export interface MemoryMap {
  rss: number;
  files: number;
  v8Pages: number;
  wasm: number;
  brkHeap: number;
  otherAnon: number;
}

const PAGE = 256 * 1024;

export function memoryMap(): MemoryMap {
  const map: MemoryMap = { rss: 0, files: 0, v8Pages: 0, wasm: 0, brkHeap: 0, otherAnon: 0 };
  let kind: keyof MemoryMap = 'otherAnon';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const start = parseInt(head[1]!, 16);
      const size = parseInt(head[2]!, 16) - start;
      const name = head[3]!;
      if (name.startsWith('/')) kind = 'files';
      else if (name === '[heap]') kind = 'brkHeap';
      else if (name) kind = 'otherAnon';
      else if (size === PAGE && start % PAGE === 0) kind = 'v8Pages';
      else if (size >= 64 * 1024 * 1024) kind = 'wasm';
      else kind = 'otherAnon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      const mb = Number(rss[1]) / 1024;
      map[kind] += mb;
      map.rss += mb;
    }
  }
  for (const k of Object.keys(map) as (keyof MemoryMap)[]) map[k] = Math.round(map[k] * 10) / 10;
  return map;
}
