# Thin wrapper over CMake presets. `make test` is what CI runs.
PREFIX ?= /usr/local
# ccache keys on relative paths, so clones of the repository share one cache.
export CCACHE_BASEDIR := $(CURDIR)
JOBS ?= $(shell nproc)

.PHONY: all build deps run test test-unit test-golden test-asan test-examples bench install format clean fuzz docs

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: build
	@build/release/tools/demo/runnel-demo data/demo build/demo-output

test: build
	@scripts/check-layers
	@ctest --test-dir build/release --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-examples

# Golden files alone (make test runs them too, through ctest).
test-golden: build
	@build/release/tools/slt/runnel-slt test/sql

# Builds examples/ against an installed Runnel, the way a user's project would.
test-examples: build
	@rm -rf build/install build/examples
	@cmake --install build/release --prefix build/install >/dev/null
	@cmake -S examples -B build/examples -G Ninja -DCMAKE_PREFIX_PATH=$(CURDIR)/build/install >/dev/null
	@cmake --build build/examples >/dev/null
	@LD_LIBRARY_PATH=$(CURDIR)/build/install/lib build/examples/quickstart >/dev/null
	@echo "examples: built against the installed package and ran"

# The DuckDB interop round trips (minutes under ASan, mostly in node) run in `make test` only:
# under ASan they would check the same Runnel code the Parquet unit and fuzz tests cover.
test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build/asan --output-on-failure -j $(JOBS) -E '^parquet_interop_'

# Each libFuzzer target runs for FUZZ_SECONDS (CI keeps it short); corpora live in the build dir,
# seeded from fuzz/corpus/<target without _fuzz>/ when that exists.
FUZZ_SECONDS ?= 30
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS) --target fuzzers
	@for f in build/fuzz/fuzz/*_fuzz; do \
	  name=$$(basename $$f); mkdir -p build/fuzz/corpus/$$name; \
	  seeds=fuzz/corpus/$${name%_fuzz}; if [ -d $$seeds ]; then cp $$seeds/* build/fuzz/corpus/$$name/; fi; \
	  echo "fuzz: $$name for $(FUZZ_SECONDS)s"; \
	  if ! $$f -max_total_time=$(FUZZ_SECONDS) build/fuzz/corpus/$$name > build/fuzz/$$name.log 2>&1; then \
	    tail -40 build/fuzz/$$name.log; exit 1; \
	  fi; \
	  grep -E "^Done|^#[0-9]+ *DONE" build/fuzz/$$name.log | tail -1; \
	done

bench: build
	@for b in build/release/bench/bench_*; do [ -x "$$b" ] && "$$b"; done

install: build
	@cmake --install build/release --prefix $(PREFIX)

docs: build
	@build/release/tools/docgen/runnel-docgen > docs/functions.md
	@echo "docs/functions.md regenerated"

format:
	@find src include tools bench examples -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	@rm -rf build
