package com.hirebuddha.worker.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare
 * address is a block of one.
 */
final class Cidr {

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final String text;

	private final byte[] network;

	private final int prefix;

	private Cidr(String text, byte[] network, int prefix) {
		this.text = text;
		this.network = network;
		this.prefix = prefix;
	}

	/**
	 * Parses {@code address[/prefix]}.
	 * @param text the block, with an IP literal (never a host name, so no DNS lookup)
	 * @return the block
	 * @throws IllegalArgumentException if the text is not a valid block
	 */
	static Cidr parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String literal = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		byte[] bytes = literalBytes(literal, text);
		int bits = bytes.length * 8;
		int prefix;
		try {
			prefix = (slash < 0) ? bits : Integer.parseInt(trimmed.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not an IP address block: " + text, ex);
		}
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("Prefix out of range in " + text);
		}
		return new Cidr(trimmed, mask(bytes, prefix), prefix);
	}

	private static byte[] literalBytes(String literal, String text) {
		// Checked first so that InetAddress never falls back to a DNS lookup.
		if (IPV4_LITERAL.matcher(literal).matches()) {
			byte[] bytes = new byte[4];
			String[] octets = literal.split("\\.");
			for (int i = 0; i < 4; i++) {
				int octet = Integer.parseInt(octets[i]);
				if (octet > 255) {
					throw new IllegalArgumentException("Not an IP address block: " + text);
				}
				bytes[i] = (byte) octet;
			}
			return bytes;
		}
		if (IPV6_LITERAL.matcher(literal).matches()) {
			try {
				return InetAddress.getByName(literal).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("Not an IP address block: " + text, ex);
			}
		}
		throw new IllegalArgumentException("Not an IP address block: " + text);
	}

	/**
	 * Whether the address lies in this block; an IPv4 address is never in an IPv6 block.
	 * @param address the address
	 * @return whether it is in the block
	 */
	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == this.network.length && Arrays.equals(mask(bytes, this.prefix), this.network);
	}

	private static byte[] mask(byte[] bytes, int prefix) {
		byte[] masked = bytes.clone();
		for (int i = 0; i < masked.length; i++) {
			int keep = Math.clamp(prefix - i * 8L, 0, 8);
			masked[i] &= (byte) (0xFF00 >> keep);
		}
		return masked;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
