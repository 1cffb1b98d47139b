# Two commands for a newcomer: `make run` and `make test`.
BUILD ?= build
JOBS ?= 2
SHARED_DATA := $(abspath ../shared/data)
export SECATEUR_DATA ?= $(if $(wildcard $(SHARED_DATA)),$(SHARED_DATA),)

.PHONY: all deps configure build run test bench format tidy clean

all: build

deps:
	bash packaging/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

configure: $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: deps build
	$(BUILD)/bin/secateur search projects/default.json --out $(BUILD)/runs/default

test: deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: deps build
	$(BUILD)/bin/secateur-bench --out bench/results/overhead.json --markdown BENCHMARKS.md

format:
	find engine app tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD)

tidy: configure
	BUILD=$(BUILD) tools/tidy.sh
