import * as fs from "node:fs";
import { writeOrthancCorpus } from "./test/indexer/orthancCorpus";
import { inspectFile } from "./tools/dicomInspect";
(async () => {
  const dir = "/tmp/10c/exp/corpus"; fs.rmSync(dir, { recursive: true, force: true }); fs.mkdirSync(dir, { recursive: true });
  const files = await writeOrthancCorpus(dir);
  const out: unknown[] = [];
  for (const f of files) {
    const bytes = fs.readFileSync(f.file);
    const row: Record<string, unknown> = { name: f.name, size: bytes.length };
    for (const [label, base] of [["v110", "http://localhost:18042"], ["v1127", "http://localhost:18043"]]) {
      const r = await fetch(`${base}/instances`, { method: "POST", body: bytes });
      const body = await r.text();
      if (r.status === 200) {
        const id = JSON.parse(body).ID;
        const stored = Buffer.from(await (await fetch(`${base}/instances/${id}/file`)).arrayBuffer());
        row[label] = stored.equals(bytes) ? "stored" : "stored-modified";
        await fetch(`${base}/instances/${id}`, { method: "DELETE" });
      } else row[label] = `${r.status} ${(JSON.parse(body).Details ?? JSON.parse(body).Message)}`;
    }
    const line = await inspectFile(f.file);
    row.indexer = line.error ?? "indexed";
    out.push(row);
  }
  fs.writeFileSync("/tmp/10c/exp/result.json", JSON.stringify(out, null, 1));
  for (const r of out as Record<string, unknown>[]) console.log([r.name, r.v110, r.v1127 === r.v110 ? "=" : r.v1127, r.indexer].join(" | "));
})();
