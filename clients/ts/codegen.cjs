// Generates src/generated/ from ../../schema/ with @cosmwasm/ts-codegen (pinned in
// package-lock.json). Run by scripts/ts-client.sh; OUT_DIR overrides the output (--check mode).
const path = require("path");
const codegen = require("@cosmwasm/ts-codegen").default;

const root = path.resolve(__dirname, "../..");
const outPath = process.env.OUT_DIR
  ? path.resolve(process.env.OUT_DIR)
  : path.join(__dirname, "src/generated");

codegen({
  contracts: [
    { name: "ComplianceRegistry", dir: path.join(root, "schema/compliance-registry") },
    { name: "GatedToken", dir: path.join(root, "schema/gated-token") },
  ],
  outPath,
  options: {
    bundle: { enabled: false },
    types: { enabled: true },
    client: { enabled: true },
    messageComposer: { enabled: false },
    reactQuery: { enabled: false },
    recoil: { enabled: false },
  },
}).then(
  () => console.log(`generated ${path.relative(process.cwd(), outPath) || "."}`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
