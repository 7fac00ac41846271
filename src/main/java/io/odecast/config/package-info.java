/** Configuration files: reading them strictly, with unknown keys reported by name. */
package io.odecast.config;
