# RadVault — build, test and demo.
# `make test` and `make demo` install the Debian system packages when they are missing.
SHELL := /bin/bash
APT_PACKAGES := libsqlite3-dev libgit2-dev libnifti2-dev libopenblas-dev liblapacke-dev zlib1g-dev
# Release with testability: numeric tests (IBSI CT phantom, WGCNA) stay fast.
SWIFT_FLAGS := -c release -Xswiftc -enable-testing
# The radvault executable that is installed, demoed, benchmarked and run by the CLI tests: the
# same compilation, linked with SwiftPM's --static-swift-stdlib (the Swift runtime and Foundation
# inside the executable, system C libraries still shared). Loading and binding 13 Swift shared
# libraries cost ~7 ms of every command (verify on the 51-patient cohort: 31 -> 24 ms). Its own
# scratch folder, so that neither build invalidates the other; the test build stays dynamic
# (swift-testing ships as a shared library only).
STATIC_FLAGS := $(SWIFT_FLAGS) --static-swift-stdlib --scratch-path .build-static
BIN = $(shell swift build $(STATIC_FLAGS) --show-bin-path)/radvault
DEMO_ARCHIVE ?= demo-archive

.PHONY: deps build test demo lint format clean embed-sql bin-path

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build $(STATIC_FLAGS) --product radvault

# The path of the executable `make build` makes (for scripts: `make -s bin-path`).
bin-path:
	@echo "$(BIN)"

lint:
	swift format lint --strict -r Sources Tests

format:
	swift format format -i -r Sources Tests

test: deps
	swift build $(STATIC_FLAGS) --product radvault
	swift build $(SWIFT_FLAGS) --build-tests
	RADVAULT_BIN=$(BIN) swift test $(SWIFT_FLAGS) --skip-build
	$(MAKE) lint

demo: build
	bash scripts/demo.sh "$(BIN)" "$(DEMO_ARCHIVE)"

clean:
	rm -rf .build .build-static $(DEMO_ARCHIVE)

embed-sql:
	bash scripts/embed-sql.sh
