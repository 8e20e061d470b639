/**
 * Plugin {@code cd}: maximum likelihood by contrastive divergence: CD-k, persistent CD with a replay buffer (checkpointed
 * with the run), and short-run chains; negatives from any sampler by name, fresh chains from any noise by name.
 */
package org.ebm4j.plugins.cd;
