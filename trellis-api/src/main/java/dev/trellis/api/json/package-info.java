/** The one Jackson setup every wire record is read and written with. */
package dev.trellis.api.json;
