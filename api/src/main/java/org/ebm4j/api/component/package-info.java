/** How components are named, created and given what they need: providers, kinds and the creation context. */
package org.ebm4j.api.component;
