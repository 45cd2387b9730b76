# RadVault — build, test and demo.
# `make test` and `make demo` install the Debian system packages when they are missing.
SHELL := /bin/bash
APT_PACKAGES := libsqlite3-dev libgit2-dev libnifti2-dev libopenblas-dev liblapacke-dev zlib1g-dev
# Release with testability: numeric tests (IBSI CT phantom, WGCNA) stay fast, and the demo,
# the tests and the benchmarks share one build.
SWIFT_FLAGS := -c release -Xswiftc -enable-testing
BIN = $(shell swift build $(SWIFT_FLAGS) --show-bin-path)/radvault
DEMO_ARCHIVE ?= demo-archive

.PHONY: deps build test demo lint format clean embed-sql

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build $(SWIFT_FLAGS)

lint:
	swift format lint --strict -r Sources Tests

format:
	swift format format -i -r Sources Tests

test: deps
	swift build $(SWIFT_FLAGS) --build-tests
	RADVAULT_BIN=$(BIN) swift test $(SWIFT_FLAGS) --skip-build
	$(MAKE) lint

demo: build
	bash scripts/demo.sh "$(BIN)" "$(DEMO_ARCHIVE)"

clean:
	rm -rf .build $(DEMO_ARCHIVE)

embed-sql:
	bash scripts/embed-sql.sh
