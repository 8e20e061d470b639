/** Energy models and their scores. */
package org.ebm4j.api.model;
