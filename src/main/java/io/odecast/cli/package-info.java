/**
 * The {@code odecast} command line: one class per command, thin; the work is done by services in
 * the other packages. Commands write to the {@link java.io.PrintWriter}s of their
 * {@link picocli.CommandLine}, never to {@code System.out} directly.
 */
package io.odecast.cli;
