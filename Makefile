# cchc — build, test, run.  GNU make, pkg-config, gcc 12, C17.
#
#   make            build ./cchc (release flags)
#   make run        install missing packages, build, create the demo DB, serve
#   make test       install missing packages, build with ASan+UBSan, run every test
#   make bench      build and run the benchmarks under bench/
#   make fuzz       build the libFuzzer targets with clang and run each briefly
#
# BUILD and BIN may be overridden so that several builds can share a tree.

BUILD    ?= build
BIN      ?= cchc
DB       ?= data/cchc.db
LISTEN   ?= 127.0.0.1:8080
SANITIZE ?=

PKGS     := libmicrohttpd jansson sqlite3 libpq libsodium libzip libxml-2.0 libcurl xlsxwriter poppler-glib
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wno-missing-field-initializers
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc -I$(BUILD)/gen \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all)
LDLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lunistring -lpthread -lm
LDFLAGS_S = $(if $(SANITIZE),-fsanitize=$(SANITIZE))

VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

LIB_SRC  := $(sort $(shell find src -name '*.c' ! -path 'src/cli/*'))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
GEN_SRC  := $(BUILD)/gen/assets.c $(BUILD)/gen/migrations.c $(BUILD)/gen/migrations_pg.c $(BUILD)/gen/seeddata.c
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN_SRC:%.c=%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/t_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
WEB      := $(sort $(wildcard web/*))
SQL      := $(sort $(wildcard sql/sqlite/*.sql))
SQL_PG   := $(sort $(wildcard sql/postgres/*.sql))
SEED     := $(sort $(wildcard data-seed/*))

.PHONY: all run test unit unit-bins bench bench-bins fuzz clean deps
all: $(BIN)

$(BIN): $(CLI_OBJ) $(LIB_OBJ)
	$(CC) $(LDFLAGS_S) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DCCHC_VERSION='"$(VERSION)"' -MMD -MP -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Every object may include generated headers; make them first.
$(LIB_OBJ) $(CLI_OBJ): | $(BUILD)/gen/.dir

$(BUILD)/gen/.dir:
	@mkdir -p $(BUILD)/gen && touch $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/assets.c: $(BUILD)/tools/embed $(WEB) | $(BUILD)/gen/.dir
	$(BUILD)/tools/embed $@ embed_web $(WEB)
$(BUILD)/gen/migrations.c: $(BUILD)/tools/embed $(SQL) | $(BUILD)/gen/.dir
	$(BUILD)/tools/embed $@ embed_migrations $(SQL)
$(BUILD)/gen/migrations_pg.c: $(BUILD)/tools/embed $(SQL_PG) | $(BUILD)/gen/.dir
	$(BUILD)/tools/embed $@ embed_migrations_pg $(SQL_PG)
$(BUILD)/gen/seeddata.c: $(BUILD)/tools/embed $(SEED) | $(BUILD)/gen/.dir
	$(BUILD)/tools/embed $@ embed_seed $(SEED)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_S) -Itests/unit -o $@ $< $(LIB_OBJ) $(LDLIBS)

# Benchmarks are standalone programs linked against the library, like unit tests.
$(BUILD)/bench/%: bench/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_S) -o $@ $< $(LIB_OBJ) $(LDLIBS)

deps:
	@tools/deps.sh build

run: deps
	@$(MAKE) --no-print-directory $(BIN)
	@mkdir -p $(dir $(DB))
	@# The demo's passwords are printed once; keep a copy only you can read.
	@[ -f $(DB) ] || (umask 077; ./$(BIN) init --db $(DB) --demo caobang-2026 >$(dir $(DB))init.log; \
		rc=$$?; cat $(dir $(DB))init.log; exit $$rc)
	./$(BIN) serve --db $(DB) --listen $(LISTEN)

# The test build lives in its own folder so that it never mixes with release objects.
TBUILD := build/asan
# What cannot be installed is named by deps.sh and then by each test that needs it.
test:
	@tools/deps.sh build test || true
	@$(MAKE) --no-print-directory BUILD=$(TBUILD) BIN=$(TBUILD)/cchc SANITIZE=address,undefined CFLAGS="-O1 -g" $(TBUILD)/cchc unit-bins
	@tests/run.sh $(TBUILD)

unit-bins: $(UNIT_BIN)

bench-bins: $(BENCH_BIN)

bench:
	@tools/deps.sh build bench
	@$(MAKE) --no-print-directory $(BIN) bench-bins
	@bench/run.sh

fuzz:
	@tools/deps.sh build fuzz
	@tests/fuzz/run.sh

clean:
	rm -rf build $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
