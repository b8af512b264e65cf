import json, os, sys
# merge.py SPLIT FILE...  -- appends writer files to test/plan/eval/SPLIT.json, dropping questions already in any split
P='../'
split=sys.argv[1]
allq=set()
for s in ['dev','holdout','test','test2','test3','test4','test5','test6','test7','test8','test9','test10','test11','test12','test13','test14','test15','test16','test17']:
    if not os.path.exists(P+s+'.json'): continue
    allq|={q['q'] for q in json.load(open(P+s+'.json'))}
cur=json.load(open(P+split+'.json')) if os.path.exists(P+split+'.json') else []
keys=['id','q','kind','category','gold','evidence','parts']
for f in sys.argv[2:]:
    for q in json.load(open(f)):
        if q['q'] in allq: print('skip dup', q['id']); continue
        allq.add(q['q']); cur.append({k:q[k] for k in keys if k in q})
json.dump(cur,open(P+split+'.json','w'),ensure_ascii=False,indent=1); print(split, len(cur))
