# Sourced by bench/compact.sh and bench/scale.sh: builds bin/juesuan and
# bin/synth, and installs DuckDB's @duckdb/node-api once into $DUCK (never
# into the repository), with bench/duckq.mjs beside it.
mkdir -p "$WORK" bin
go build -o bin/juesuan ./cmd/juesuan
go build -o bin/synth ./cmd/juesuan/internal/compact/synth
if [ ! -d "$DUCK/node_modules/@duckdb/node-api" ]; then
	npm install --silent --prefix "$DUCK" @duckdb/node-api >/dev/null
fi
cp bench/duckq.mjs "$DUCK/duckq.mjs"
