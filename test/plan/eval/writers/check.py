#!/usr/bin/env python3
"""python3 /work/handoff/eval/check.py FILE.json  -- validates a question file against sections.json"""
import json, os, re, sys, unicodedata, collections
S = {s['id']: s for s in json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sections.json')))}
def compact(t): return re.sub(r'\s', '', unicodedata.normalize('NFKC', t).replace('〜', '~').replace('～', '~'))
IN = {'polite','casual','hiragana','katakana','typo','digits','english','keyword','multipart','indirect','wh'}
OFF = {'off-detail','off-polite','off-casual','off-english','off-hiragana','off-keyword','off-katakana','off-typo'}
plan_all = compact(''.join(s['text'] for s in S.values()))
errs = []; items = json.load(open(sys.argv[1])); ids = set()
for it in items:
    i = it.get('id'); 
    if i in ids: errs.append(f'{i}: duplicate id')
    ids.add(i)
    for k in ('id','q','kind','category','gold','evidence'):
        if k not in it: errs.append(f'{i}: missing {k}')
    if it.get('kind') == 'in' and it.get('category') not in IN: errs.append(f'{i}: bad in category {it.get("category")}')
    if it.get('kind') == 'off' and it.get('category') not in OFF: errs.append(f'{i}: bad off category {it.get("category")}')
    if it.get('kind') == 'off' and (it['gold'] or it['evidence']): errs.append(f'{i}: off-plan must have empty gold/evidence')
    if it.get('kind') == 'in' and not it.get('gold'): errs.append(f'{i}: in-plan needs gold')
    for p in [it] + it.get('parts', []):
        if len(p['evidence']) not in (0, len(p['gold'])) or (p['gold'] and len(p['evidence']) != len(p['gold'])):
            errs.append(f'{i}: evidence must be one string per gold section ({p["q"][:20]})')
        for g, e in zip(p['gold'], p['evidence']):
            if g not in S: errs.append(f'{i}: unknown section {g}'); continue
            if compact(e) not in compact(S[g]['text']): errs.append(f'{i}: evidence 「{e}」 not verbatim in section {g}')
            if len(compact(e)) < 6: errs.append(f'{i}: evidence too short 「{e}」')
    if it.get('category') == 'multipart' and len(it.get('parts', [])) < 2: errs.append(f'{i}: multipart needs >= 2 parts')
    if it.get('category') == 'multipart':
        union = [g for p in it['parts'] for g in p['gold']]
        if set(it['gold']) != set(union): errs.append(f'{i}: multipart gold must be the union of its parts\' gold')
    # no long copy of the plan
    q = compact(it['q'])
    for n in range(len(q) - 14):
        if q[n:n+15] in plan_all: errs.append(f'{i}: question copies 15+ characters of the plan: {q[n:n+15]}'); break
print('\n'.join(errs) or 'OK')
c = collections.Counter(it['category'] for it in items)
print(len(items), 'items;', sum(1 for it in items if it['kind']=='in'), 'in-plan,', sum(1 for it in items if it['kind']=='off'), 'off-plan'); print(dict(sorted(c.items())))
sys.exit(1 if errs else 0)
