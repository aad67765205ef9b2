/** The {@code api-docs} translator: another route's API documents on a public path. */
package dev.polygate.edge.docs;
