#!/usr/bin/env python3
"""Tells a sealed writer which of their questions some split already has word for word (merge.py would drop them),
without showing any other question.

  lead, from this folder:  python3 dupcheck.py --export /work/handoff/eval/.existing.json
                           cp dupcheck.py /work/handoff/eval/
  writer:                  python3 /work/handoff/eval/dupcheck.py FILE.json   (never opens .existing.json)
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
if sys.argv[1] == '--export':
    splits = os.path.join(HERE, '..')
    seen = set()
    for f in sorted(os.listdir(splits)):
        if f.endswith('.json'):
            seen |= {q['q'] for q in json.load(open(os.path.join(splits, f)))}
    json.dump(sorted(seen), open(sys.argv[2], 'w'), ensure_ascii=False)
    print(len(seen), 'questions exported')
    sys.exit(0)
existing = set(json.load(open(os.path.join(HERE, '.existing.json'))))
dups = [q['id'] for q in json.load(open(sys.argv[1])) if q['q'] in existing]
print('duplicates (rewrite them):', ' '.join(dups) if dups else 'none')
