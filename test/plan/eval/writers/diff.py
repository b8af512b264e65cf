"""python3 diff.py BEFORE.json AFTER.json  -- dev questions a change turned right (+) or wrong (-), from two
`npm run eval -- --split dev --dump F.json` files (dev only: never dump or diff holdout or test)."""
import json, sys

def ok(o):
    return (o['found'] and o['top1'] and o['top3']) if o['kind'] == 'in' else not o['found']

before = {o['id']: o for o in json.load(open(sys.argv[1]))}
for o in json.load(open(sys.argv[2])):
    b = before.get(o['id'])
    if b is None:
        continue
    if ok(b) != ok(o) or (o['kind'] == 'in' and (b['top1'], b['top3'], b['found']) != (o['top1'], o['top3'], o['found'])):
        show = lambda x: x['cited'] if x['found'] else 'refused'
        print('+' if ok(o) else '-', o['id'], o['category'], o['q'][:80].replace('\n', ' / '), show(b), '->', show(o), 'gold', o['gold'])
