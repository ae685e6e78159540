# juesuan: see README.md. Every target but `fixtures` needs only Go.
GO      ?= go
OUT     ?= out
BIN     := bin/juesuan
CORPUS  ?= ../shared/corpus/real

.PHONY: build install test check race bench bench-ocr bench-compact bench-state bench-scale bench-readers bench-iceberg lake-test hostile demo fixtures lint fuzz clean

# A static binary (no cgo: the net package is linked in by dependencies but
# never used): it copies to any Linux machine, and starts about a millisecond
# sooner than a dynamically linked one, which counts when a batch is short.
# The commit is stamped in (juesuan --version) even where GOFLAGS holds
# -buildvcs=false; "" outside a git checkout.
COMMIT  := $(shell git rev-parse --short=12 HEAD 2>/dev/null)$(shell git diff --quiet HEAD 2>/dev/null || echo -modified)
LDFLAGS := -X main.buildCommit=$(COMMIT)

build:
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/juesuan

# Puts juesuan on PATH: into $(go env GOBIN), else $(go env GOPATH)/bin
# (add that folder to PATH once, e.g. in ~/.profile).
install:
	CGO_ENABLED=0 $(GO) install -ldflags "$(LDFLAGS)" ./cmd/juesuan
	@bin=$$($(GO) env GOBIN); [ -n "$$bin" ] || bin=$$($(GO) env GOPATH)/bin; \
	echo "installed $$bin/juesuan (if juesuan is not found, add $$bin to PATH)"

# The test command of the README and of CI.
test: lint
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz

# The fast local loop: vet, gofmt and the tests in -short mode (cached
# results reused), without the fuzz runs of `make test`. -short keeps every
# test but shortens the long sweeps: TestCompactKilled kills 4 times
# instead of 16, the corpus-wide batch, signal, export and workbook tests
# of cmd/juesuan convert 8 chosen real reports instead of all (shortCorpus
# in cmd/juesuan/main_test.go), pdftotext's characters are compared on a
# quarter of the corpus; the OCR accuracy of rendered scans and the DuckDB
# read-back (npm) run only in `make test`.
check: lint
	$(GO) test -short ./...

# The race detector over the concurrent parts (the batch's workers and
# committer, signal handling). It needs cgo, so a C compiler: not part of
# `make test`, which needs Go only. cmd/juesuan alone takes about 9 minutes
# under -race on two vCPUs, past go test's default 10-minute limit when the
# machine is busy.
race:
	CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 30m ./cmd/...

# Short coverage-guided fuzz runs of the parsers that take untrusted input
# (package:FuzzName:executions). Budgets are execution counts, not
# durations: a -fuzztime duration races Go 1.26's fuzz coordinator and
# fails at random with "context deadline exceeded" (go.dev/issue/75804).
# FUZZ_SCALE multiplies every budget for a deeper run. Crashers land in the
# package's testdata/fuzz and then run as regression tests in every go test.
FUZZ_SCALE ?= 1
FUZZ_TARGETS ?= .:FuzzConvert:15000 .:FuzzLedger:1000 \
	./extract/pdfraw:FuzzPrepare:150000 ./extract:FuzzContentStream:40000 \
	./normalize:FuzzAmount:100000 ./normalize:FuzzCode:50000 ./internal/textfold:FuzzSameAsBefore:50000 \
	./normalize/narrative:FuzzAnalyze:20000
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; rest=$${t#*:}; name=$${rest%%:*}; n=$$(( $${rest##*:} * $(FUZZ_SCALE) )); \
		echo "fuzz $$pkg $$name ($$n executions)"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $${n}x -fuzzminimizetime 2s $$pkg || exit 1; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	./bench/compare.sh

# OCR of scans (extract/ocr BenchmarkScan, also part of `make bench`):
# pages of fixtures/sample.pdf rendered at 300 dpi grey and 200 dpi
# bilevel, skewed and noisy; reports pages/s and the share of cells read
# right. Needs tesseract (tesseract-ocr, tesseract-ocr-chi-sim) and
# pdftoppm; skipped without them.
bench-ocr:
	$(GO) test -run '^$$' -bench Scan -benchtime 1x ./extract/ocr/

# Compaction benchmark (bench/compact.sh): N synthetic reports, query
# times before and after, throughput and peak RSS of juesuan compact.
N ?= 1000
bench-compact:
	./bench/compact.sh $(N)

# Batch-state benchmark (bench/state.sh): a one-file convert into an OUT
# whose state holds N reports (seeded once, kept under /tmp), against an
# empty OUT: wall time and peak RSS. make bench-state N=1000000.
bench-state:
	./bench/state.sh $(N)

# National-scale benchmark (bench/scale.sh): an OUT of N realistic
# synthetic reports, the last NEW not yet compacted (default N up to
# 100,000); DuckDB's GROUP BY over line_items, juesuan compact's
# throughput and peak RSS. N=1000000 needs about 4 GB of disk under
# SCALE_DIR and half an hour.
NEW ?=
SCALE_DIR ?= $(or $(TMPDIR),/tmp)/juesuan-bench-scale
bench-scale:
	./bench/scale.sh $(N) $(or $(NEW),$$(( $(N) < 100000 ? $(N) : 100000 ))) $(SCALE_DIR)

# Reader check (bench/readers/run.sh): DuckDB and nodejs-polars read OUT
# (default out) alike. Needs node and npm; packages go to WORKDIR (/tmp).
# Not part of `make test`.
bench-readers:
	./bench/readers/run.sh $(OUT)

# Iceberg reader check (bench/iceberg/run.sh): icebird and DuckDB read
# OUT's Iceberg tables as DuckDB reads its Hive folders. Needs node, npm.
bench-iceberg:
	./bench/iceberg/run.sh $(OUT)

# Two machines, one lake (bench/iceberg/twomachines.sh): a throwaway
# PostgreSQL, two converts committing to it at once, a compaction against
# a convert, the tables read by icebird and DuckDB. Needs PostgreSQL's
# server binaries, node and npm (skipped without them); CI runs it.
lake-test: build
	./bench/iceberg/twomachines.sh $(abspath $(BIN))

# The hostile batch of issue 13 (500 damaged and malicious variants of the
# real reports and fixtures, under /tmp) converted with -j 2 under a 1 GB
# memory limit, then checked; see bench/README.md. Not part of `make test`:
# it takes about two minutes and needs ../shared/corpus/real.
hostile:
	EXTRA="--max-memory 320MB" ./bench/hostile.sh

# Convert the bundled sample and show what was written.
demo: build
	rm -rf $(OUT)/demo
	./$(BIN) convert -o $(OUT)/demo fixtures/sample.pdf
	@echo "Parquet written under $(OUT)/demo:"
	@find $(OUT)/demo -name '*.parquet' | sort
	./$(BIN) inspect --table T01 fixtures/sample.pdf

# Regenerate the fixture PDFs and their truth (needs LibreOffice, Chromium,
# fonts-noto-cjk, fonts-wqy-zenhei and qpdf; see fixtures/README.md).
fixtures:
	$(GO) run ./fixtures/gen -out fixtures

lint:
	$(GO) vet ./...
	@fmt=$$(gofmt -l .); if [ -n "$$fmt" ]; then echo "gofmt needed:"; echo "$$fmt"; exit 1; fi

clean:
	rm -rf bin $(OUT)
