# cchc — build, test, run.  GNU make, pkg-config, gcc 12, C17.
#
#   make            build ./cchc (release flags)
#   make run        install missing packages, build, create the demo DB, serve
#   make test       install missing packages, build with ASan+UBSan, run every test
#   make bench      build and run the benchmarks under bench/
#   make fuzz       build the libFuzzer targets with clang and run each briefly
#   make install    install the binary, manual pages, systemd unit and example
#                   configuration (PREFIX, default /usr/local; DESTDIR)
#   make deb        build the Debian package into build/deb/ (debhelper)
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

.PHONY: all run test unit unit-bins bench bench-bins fuzz clean deps install deb
all: $(BIN)

$(BIN): $(CLI_OBJ) $(LIB_OBJ)
	$(CC) $(LDFLAGS_S) $(LDFLAGS) -o $@ $^ $(LDLIBS)

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
	$(CC) $(ALL_CFLAGS) $(LDFLAGS_S) -Itests/unit -MMD -MP -o $@ $< $(LIB_OBJ) $(LDLIBS)

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
	@tools/deps.sh build bench browser
	@$(MAKE) --no-print-directory $(BIN) bench-bins
	@bench/run.sh

fuzz:
	@tools/deps.sh build fuzz
	@tests/fuzz/run.sh

# Installation.  Under PREFIX=/usr (the package) the configuration goes to
# /etc and the unit to /lib/systemd/system, as Debian 12 has them.
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
UNITDIR  ?= $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,$(PREFIX)/lib/systemd/system)

# cchc(1)'s COMMANDS section is the binary's own command table, so the page
# cannot drift from the program.
$(BUILD)/man/cchc.1: man/cchc.1.in $(BIN)
	@mkdir -p $(dir $@)
	$(abspath $(BIN)) help --roff >$@.commands
	sed -e 's/@VERSION@/$(VERSION)/' \
	    -e "s/@DATE@/$$(date -u -d @$${SOURCE_DATE_EPOCH:-$$(date +%s)} +%Y-%m-%d)/" \
	    -e '/@COMMANDS@/r $@.commands' -e '/@COMMANDS@/d' man/cchc.1.in >$@
	rm -f $@.commands

install: $(BIN) $(BUILD)/man/cchc.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/cchc
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/cchc
	install -m 644 $(BUILD)/man/cchc.1 $(DESTDIR)$(MANDIR)/man1/cchc.1
	install -m 644 man/cchc.conf.5 $(DESTDIR)$(MANDIR)/man5/cchc.conf.5
	@# The unit names the binary where it is installed.
	sed 's|@BINDIR@|$(BINDIR)|g' dist/cchc.service.in >$(DESTDIR)$(UNITDIR)/cchc.service
	chmod 644 $(DESTDIR)$(UNITDIR)/cchc.service
	@# An existing configuration is the operator's: never replaced.
	[ -e $(DESTDIR)$(SYSCONFDIR)/cchc/cchc.conf ] || \
		install -m 640 dist/cchc.conf $(DESTDIR)$(SYSCONFDIR)/cchc/cchc.conf

# The package is built from a copy of the sources under build/deb, so that
# dpkg-buildpackage's output (written beside the source folder) and its
# clean step stay inside build/.
DEB_SRC := build/deb/cchc-$(VERSION)
deb:
	@tools/deps.sh build deb
	rm -rf build/deb && mkdir -p $(DEB_SRC)
	tar -cf - Makefile VERSION README.md src sql web data-seed tools man dist debian docs | tar -xf - -C $(DEB_SRC)
	cd $(DEB_SRC) && DEB_BUILD_OPTIONS="parallel=2 noddebs $(DEB_BUILD_OPTIONS)" dpkg-buildpackage -b -us -uc \
		>../build.log 2>&1 || { tail -n 40 ../build.log; exit 1; }
	@ls build/deb/*.deb

clean:
	rm -rf build $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
