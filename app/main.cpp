// gastvrij: one executable, subcommands like git (see app/cli/commands.cpp).
#include "cli/commands.h"

int main(int argc, char** argv) { return gastvrij::run_cli(argc, argv); }
