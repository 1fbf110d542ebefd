/**
 * What long commands show people on a terminal: progress with the count and the time left, on stderr, only when it is
 * a terminal. A leaf: commands of the product and of the tools use it; it uses nothing of ours.
 */
package io.carepulse.console;
