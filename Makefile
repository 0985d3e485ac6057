# Kiln's two everyday commands. Each installs what it needs (Debian packages, arm64 artifacts) first.
#   make run    the main job on the default board
#   make test   the whole test suite (run as root: loop devices, network namespaces)

BOARD ?= qemu-aarch64
PREFIX ?= /usr/local
SWIFT ?= swift
KILN = .build/debug/kiln

.PHONY: run test build artifacts install clean

# Until the image builder lands, the main job checks and shows the default board.
run: build
	$(KILN) boards check boards/$(BOARD).toml
	$(KILN) boards show $(BOARD)

build:
	scripts/setup
	$(SWIFT) build --product kiln

artifacts:
	scripts/setup --test
	scripts/fetch-artifacts >/dev/null

test: artifacts
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

install:
	scripts/setup
	$(SWIFT) build -c release --product kiln
	install -D -m 0755 .build/release/kiln $(DESTDIR)$(PREFIX)/bin/kiln
	install -d $(DESTDIR)$(PREFIX)/share/kiln/boards
	install -m 0644 boards/*.toml $(DESTDIR)$(PREFIX)/share/kiln/boards/

clean:
	rm -rf .build
