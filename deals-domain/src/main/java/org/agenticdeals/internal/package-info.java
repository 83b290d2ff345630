/**
 * Shared plumbing of the domain services: transactions with the security context, retries and error
 * translation, cursors, validation helpers.
 *
 * <p><strong>Not API.</strong> Public only so the feature packages can use it; anything here may change in any
 * release. Hosts use {@link org.agenticdeals.Deals} and the feature facades.
 */
package org.agenticdeals.internal;
