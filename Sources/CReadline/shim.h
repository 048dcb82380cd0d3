// GNU readline for Swift 6. Swift rejects direct use of readline's mutable globals ("not concurrency-safe"),
// so every write to one goes through a setter here: the unsafety stays in this one reviewed file.
#ifndef COMMERCE_CREADLINE_SHIM_H
#define COMMERCE_CREADLINE_SHIM_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <readline/readline.h>
#include <readline/history.h>

static inline void cr_set_readline_name(const char *name) { rl_readline_name = name; }

static inline void cr_set_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
    // Keep `key=` and `$NAME` inside one word so they can be completed.
    rl_completer_word_break_characters = " \t";
}

static inline void cr_set_completion_append_character(int character) { rl_completion_append_character = character; }

/// Stops readline from falling back to file names when the command table has no match.
static inline void cr_set_attempted_completion_over(void) { rl_attempted_completion_over = 1; }

/// The whole line being edited, for completion in context.
static inline const char *cr_line_buffer(void) { return rl_line_buffer; }

static volatile sig_atomic_t cr_reading = 0;

/// Ctrl-C while editing: drop the line and show a fresh prompt, as shells do. Outside readline: a newline.
static void cr_on_interrupt(int signal_number) {
    (void)signal_number;
    if (write(STDOUT_FILENO, "\n", 1) < 0) { /* nothing to do */ }
    if (cr_reading) {
        rl_on_new_line();
        rl_replace_line("", 0);
        rl_redisplay();
    }
}

/// Installs the Ctrl-C behaviour above in place of readline's own signal handling.
static inline void cr_install_interrupt_handler(void) {
    rl_catch_signals = 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cr_on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, NULL);
}

/// readline() with the interrupt handler told that a line is being edited.
static inline char *cr_readline(const char *prompt) {
    cr_reading = 1;
    char *line = readline(prompt);
    cr_reading = 0;
    return line;
}

#endif
