# Kiln's two everyday commands. Each installs what it needs (Debian packages, arm64 artifacts) first.
#   make run    the main job: a flashable A/B image for the default board (out/qemu-aarch64.img)
#   make test   the whole test suite (run as root: loop devices, network namespaces)
#   make boot   boots the qemu-aarch64 image from `make run` under QEMU (quit: Ctrl-A X)

BOARD ?= qemu-aarch64
OUT ?= out
PREFIX ?= /usr/local
SWIFT ?= swift
KILN = .build/debug/kiln

.PHONY: run boot test build release artifacts install clean

run: build
	scripts/setup --run
	scripts/build-image $(BOARD) $(OUT)

boot: run
	qemu-system-aarch64 -M virt -cpu cortex-a53 -m 512 -nographic -nic none \
	    -bios "$$(scripts/fetch-artifacts)/u-boot/qemu_arm64/u-boot.bin" \
	    -drive if=none,file=$(OUT)/qemu-aarch64.img,format=raw,id=disk -device virtio-blk-pci,drive=disk

build:
	scripts/setup
	$(SWIFT) build --product kiln

artifacts:
	scripts/setup --test
	scripts/fetch-artifacts >/dev/null

test: artifacts
	$(SWIFT) build --build-tests
	scripts/run-tests $(SWIFT)

release:
	scripts/setup
	$(SWIFT) build -c release --product kiln --static-swift-stdlib --scratch-path .build-static

install: release
	install -D -m 0755 .build-static/release/kiln $(DESTDIR)$(PREFIX)/bin/kiln
	install -d $(DESTDIR)$(PREFIX)/share/kiln/boards
	install -m 0644 boards/*.toml $(DESTDIR)$(PREFIX)/share/kiln/boards/
	install -d $(DESTDIR)$(PREFIX)/share/doc/kiln $(DESTDIR)$(PREFIX)/lib/systemd/system
	install -m 0644 docs/*.md $(DESTDIR)$(PREFIX)/share/doc/kiln/
	for unit in systemd/*.service; do \
	    sed -e 's|/usr/bin/kiln|$(PREFIX)/bin/kiln|g' -e 's|/usr/share/doc/kiln|$(PREFIX)/share/doc/kiln|g' "$$unit" \
	        > $(DESTDIR)$(PREFIX)/lib/systemd/system/$${unit#systemd/}; \
	done

clean:
	rm -rf .build .build-static $(OUT)
