// Validates a .glb with the Khronos glTF validator and prints what the file holds:
// "errors E warnings W halls H rows R racks K". Exits 1 when the validator finds an error.
const fs = require('fs');
const path = require('path');
const validator = require(path.join(process.argv[3], 'node_modules', 'gltf-validator'));
const bytes = new Uint8Array(fs.readFileSync(process.argv[2]));
// The JSON chunk follows the 12-byte header and its own 8-byte chunk header.
const jsonLength = Buffer.from(bytes.buffer, 12, 4).readUInt32LE(0);
const gltf = JSON.parse(Buffer.from(bytes.buffer, 20, jsonLength).toString('utf8'));
const halls = gltf.scenes[0].nodes.map((n) => gltf.nodes[n]);
const rows = halls.flatMap((hall) => (hall.children || []).map((c) => gltf.nodes[c]));
const racks = rows.reduce((sum, row) => sum + row.extras.racks.length, 0);
validator.validateBytes(bytes, {maxIssues: 20}).then((report) => {
  const issues = report.issues;
  for (const m of issues.messages.filter((m) => m.severity === 0)) console.log('error', m.code, m.pointer || '', m.message);
  console.log(`errors ${issues.numErrors} warnings ${issues.numWarnings} halls ${halls.length} rows ${rows.length} racks ${racks}`);
  process.exit(issues.numErrors > 0 ? 1 : 0);
}).catch((e) => { console.error(e); process.exit(2); });
