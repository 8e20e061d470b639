/**
 * The {@code ebm} command (picocli): run, check, resume, sample, plugins, describe. Exit codes: 0 ok, 1 failure,
 * 2 bad usage or configuration. Every command loads plugins through {@code EbmCommand.loadPlugins}, so they report
 * broken jars and name conflicts alike.
 */
package org.ebm4j.runtime.cli;
