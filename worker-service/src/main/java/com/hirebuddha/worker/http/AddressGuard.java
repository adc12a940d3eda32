package com.hirebuddha.worker.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves a host and refuses it unless every address it resolves to is publicly routable
 * or inside a block the operator allowed. Checking every address, not just the first,
 * matters because the client may connect to any of them.
 */
final class AddressGuard {

	/** Cloud metadata endpoints: refused even inside an allowed block. */
	private static final List<Cidr> METADATA = cidrs("169.254.169.254", "fd00:ec2::254", "100.100.100.200");

	/** Blocks that are not publicly routable (IANA special-purpose registries). */
	private static final List<Cidr> NON_PUBLIC = cidrs(
			// IPv4: "this network" (incl. 0.0.0.0), private, CGNAT, loopback, link-local,
			// IETF protocol assignments, benchmarking, multicast, reserved and broadcast
			"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
			"192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
			// IPv6: unspecified, loopback and IPv4-compatible; unique-local; link-local;
			// deprecated site-local; multicast
			"::/96", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

	private final List<Cidr> allowed;

	private final HostResolver resolver;

	AddressGuard(List<String> allowedCidrs, HostResolver resolver) {
		this.allowed = allowedCidrs.stream().map(Cidr::parse).toList();
		this.resolver = resolver;
	}

	/**
	 * Resolves the host within the deadline and checks every address.
	 * @param host a host name or IP literal (IPv6 without brackets)
	 * @param deadline the call's deadline
	 * @return the addresses, all permitted, in the resolver's order
	 * @throws HttpCallException if any address is refused, the host does not resolve, or
	 * the deadline passes
	 */
	List<InetAddress> resolve(String host, Deadline deadline) throws HttpCallException {
		List<InetAddress> addresses = lookup(host, deadline);
		for (InetAddress address : addresses) {
			if (!permits(address)) {
				throw HttpCallException.forbiddenAddress(host);
			}
		}
		return addresses;
	}

	boolean permits(InetAddress address) {
		for (InetAddress view : views(address)) {
			if (matches(METADATA, view) || (matches(NON_PUBLIC, view) && !matches(this.allowed, view))) {
				return false;
			}
		}
		return true;
	}

	private List<InetAddress> lookup(String host, Deadline deadline) throws HttpCallException {
		// The system resolver has no timeout of its own that we control, so it runs on a
		// virtual thread we can stop waiting for.
		FutureTask<InetAddress[]> lookup = new FutureTask<>(() -> this.resolver.resolve(host));
		Thread.ofVirtual().name("dns-" + host).start(lookup);
		try {
			InetAddress[] addresses = lookup.get(Math.max(deadline.remainingNanos(), 0), TimeUnit.NANOSECONDS);
			if (addresses.length == 0) {
				throw HttpCallException.connectionFailed(host, new UnknownHostException(host));
			}
			return List.of(addresses);
		}
		catch (TimeoutException ex) {
			lookup.cancel(true);
			throw HttpCallException.timeout(deadline.budget(), ex);
		}
		catch (ExecutionException ex) {
			throw HttpCallException.connectionFailed(host, ex.getCause());
		}
		catch (InterruptedException ex) {
			lookup.cancel(true);
			Thread.currentThread().interrupt();
			throw HttpCallException.connectionFailed(host, ex);
		}
	}

	/**
	 * The address and, for IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4),
	 * that IPv4 address too, since traffic to them can end up at it.
	 */
	private static List<InetAddress> views(InetAddress address) {
		List<InetAddress> views = new ArrayList<>(2);
		views.add(address);
		if (address instanceof Inet6Address) {
			byte[] b = address.getAddress();
			if (isMapped(b) || isNat64(b)) {
				views.add(ipv4(b, 12));
			}
			else if (b[0] == 0x20 && b[1] == 0x02) { // 6to4, 2002::/16
				views.add(ipv4(b, 2));
			}
		}
		return views;
	}

	/** {@code ::ffff:0:0/96}. */
	private static boolean isMapped(byte[] b) {
		return allZero(b, 0, 10) && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
	}

	/** {@code 64:ff9b::/96}. */
	private static boolean isNat64(byte[] b) {
		return b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xFF && b[3] == (byte) 0x9B && allZero(b, 4, 12);
	}

	private static boolean allZero(byte[] b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static InetAddress ipv4(byte[] b, int offset) {
		try {
			return InetAddress.getByAddress(new byte[] { b[offset], b[offset + 1], b[offset + 2], b[offset + 3] });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean matches(List<Cidr> blocks, InetAddress address) {
		return blocks.stream().anyMatch((block) -> block.contains(address));
	}

	private static List<Cidr> cidrs(String... blocks) {
		return List.of(blocks).stream().map(Cidr::parse).toList();
	}

	/**
	 * Turns a host name into addresses; {@link InetAddress#getAllByName} outside tests.
	 */
	@FunctionalInterface
	interface HostResolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

}
