# Two commands for a newcomer: `make run` and `make test`.
BUILD ?= build
JOBS ?= 2
SHARED_DATA := $(abspath ../shared/data)
export SECATEUR_DATA ?= $(if $(wildcard $(SHARED_DATA)),$(SHARED_DATA),)

.PHONY: all deps test-deps configure build run test package bench bench-limits screenshots format tidy clean

all: build

deps:
	bash packaging/install-deps.sh

test-deps:
	bash packaging/install-deps.sh --test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

configure: $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The studio; without a screen, the same default project searched by the command-line tool.
run: deps build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BUILD)/bin/secateur-studio; \
	else \
		echo "make run: no display, so the default project runs headless (the studio needs a screen)"; \
		$(BUILD)/bin/secateur data get projects/kws.json && \
		$(BUILD)/bin/secateur search projects/kws.json --budget demo --resume --out $(BUILD)/runs/kws; \
	fi

test: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# A .deb of both programs (CPack; dependencies from dpkg-shlibdeps): apt install ./build/*.deb
package: deps build
	cmake --build $(BUILD) --target package

bench: deps build
	$(BUILD)/bin/secateur-bench --out bench/results/overhead.json --markdown BENCHMARKS.md
	QT_QPA_PLATFORM=offscreen $(BUILD)/bin/secateur-bench-studio \
		--out bench/results/responsiveness.json --markdown BENCHMARKS.md
	$(BUILD)/bin/secateur-bench-data --out bench/results/data.json --markdown BENCHMARKS.md

# Latency under a flash limit on kws: two sweeps (minutes; resumable), then the table.
LIMIT_RUNS = $(BUILD)/runs
bench-limits: deps build
	$(BUILD)/bin/secateur search projects/kws.json --budget device --target cortex-m7 \
		--minimize latency --limit flash=24k --resume --out $(LIMIT_RUNS)/kws-lat
	$(BUILD)/bin/secateur search projects/kws.json --budget device --target cortex-m7 \
		--minimize flash --limit flash=24k --resume --out $(LIMIT_RUNS)/kws-flash
	$(BUILD)/bin/secateur-bench-limits --latency-run $(LIMIT_RUNS)/kws-lat \
		--flash-run $(LIMIT_RUNS)/kws-flash --out bench/results/limits.json \
		--markdown BENCHMARKS.md --note "$(NOTE)"

# The pictures of README.md and docs/studio.md, taken from the window offscreen on the kws project
# (about 2 minutes); the sweep tab shows the kws demo sweep, run first when missing (minutes).
SHOTS = docs/screenshots
STUDIO_SHOT = QT_QPA_PLATFORM=offscreen $(BUILD)/bin/secateur-studio
screenshots: build
	$(BUILD)/bin/secateur data get projects/kws.json
	$(BUILD)/bin/secateur search projects/kws.json --budget demo --resume --out $(BUILD)/runs/kws
	$(STUDIO_SHOT) --screenshot '$(SHOTS)/studio-{tab}.png' --after 12 \
		--tab live --tab curves --tab layers --tab memory --tab data
	$(STUDIO_SHOT) --screenshot '$(SHOTS)/studio-{tab}.png' --after 45 --tab pareto --tab compare
	$(STUDIO_SHOT) $(BUILD)/runs/kws --screenshot $(SHOTS)/studio-sweep.png --after 4 --tab sweep

format:
	find engine widgets app tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)

tidy: configure
	BUILD=$(BUILD) tools/tidy.sh
