package com.hirebuddha.ingestion.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.hirebuddha.blobstore.BlobKey;
import com.hirebuddha.blobstore.BlobStore;
import com.hirebuddha.ingestion.documents.DocumentStatus;
import com.hirebuddha.ingestion.text.ChunkDraft;
import com.hirebuddha.ingestion.text.Chunker;
import com.hirebuddha.ingestion.text.ExtractedText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works documents through their stages on this instance's worker threads. Each claim is
 * resumed from the stage it reached: extraction and chunking are redone (they are
 * deterministic, and chunks keyed by content find the ones already stored), embedding
 * picks up the chunks without a vector. A heartbeat renews the leases of the documents in
 * hand; a kill -9 lets them lapse, and any instance takes them up again.
 */
@Component
@EnableConfigurationProperties(PipelineProperties.class)
class Pipeline implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

	private final Claims claims;

	private final ChunkStore chunks;

	private final BlobStore blobs;

	private final Extractor extractor;

	private final PipelineProperties properties;

	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	private final Set<UUID> inHand = ConcurrentHashMap.newKeySet();

	private final Object wake = new Object();

	private final List<Thread> workers = new ArrayList<>();

	private @Nullable ScheduledExecutorService heartbeat;

	private volatile boolean running;

	Pipeline(Claims claims, ChunkStore chunks, BlobStore blobs, PipelineProperties properties) {
		this.claims = claims;
		this.chunks = chunks;
		this.blobs = blobs;
		this.properties = properties;
		this.extractor = new Extractor(properties);
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			log.info("The ingestion pipeline is off on this instance (hb.ingestion.pipeline.enabled=false)");
			return;
		}
		this.running = true;
		ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ingestion-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(1, this.properties.lease().toMillis() / 3);
		beat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
		this.heartbeat = beat;
		for (int i = 0; i < this.properties.workers(); i++) {
			Thread worker = Thread.ofPlatform().name("ingestion-worker-" + i).daemon().start(this::work);
			this.workers.add(worker);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		synchronized (this.wake) {
			this.wake.notifyAll();
		}
		for (Thread worker : this.workers) {
			worker.interrupt();
		}
		this.workers.clear();
		ScheduledExecutorService beat = this.heartbeat;
		if (beat != null) {
			beat.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void work() {
		while (this.running) {
			try {
				Optional<Claim> claim = this.claims.next(this.owner);
				if (claim.isPresent()) {
					handle(claim.get());
				}
				else {
					synchronized (this.wake) {
						this.wake.wait(this.properties.pollInterval().toMillis());
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// the database is away, most likely: wait, then look again
				log.warn("the ingestion pipeline could not take a document: {}", ex.toString());
				sleepQuietly();
			}
		}
	}

	private void handle(Claim claim) {
		if (this.claims.outOfAttempts(claim, this.owner)) {
			log.warn("document {} failed: out of attempts", claim.documentId());
			return;
		}
		this.inHand.add(claim.documentId());
		try {
			process(claim);
		}
		catch (Claims.LeaseLost ex) {
			log.info("document {}: {}; leaving it to its holder", claim.documentId(), ex.getMessage());
		}
		catch (Extractor.Unextractable ex) {
			log.info("document {} failed: {}", claim.documentId(), ex.getMessage());
			this.claims.fail(claim, this.owner, "Its text could not be extracted: " + ex.getMessage() + ".");
		}
		catch (IOException | RuntimeException ex) {
			log.warn("document {}: attempt {} failed: {}", claim.documentId(), claim.attempts(), ex.toString());
			this.claims.retryLater(claim, this.owner, summary(ex));
		}
		finally {
			this.inHand.remove(claim.documentId());
		}
	}

	private void process(Claim claim) throws IOException {
		this.claims.enter(claim, this.owner, DocumentStatus.EXTRACTING, "pages");
		ExtractedText text = extract(claim);
		int pages = text.pageStarts().size();
		this.chunks.recordPages(claim, this.owner, (pages > 0) ? pages : null);
		this.claims.enter(claim, this.owner, DocumentStatus.CHUNKING, "chunks");
		Chunker chunker = new Chunker(claim.chunkTokens(), claim.overlapTokens(),
				(chunk) -> this.chunks.countTokens(claim.embeddingModel(), chunk));
		List<ChunkDraft> drafts = chunker.chunk(text);
		if (drafts.isEmpty()) {
			throw new Extractor.Unextractable("it contains no text");
		}
		int embedded = this.chunks.store(claim, this.owner, drafts);
		this.claims.enter(claim, this.owner, DocumentStatus.EMBEDDING, "chunks");
		this.claims.progress(claim, this.owner, embedded, drafts.size());
		UUID partner = this.chunks.partnerOf(claim);
		while (this.chunks.embedNextBatch(claim, this.owner, partner, this.properties.embeddingBatch(),
				drafts.size())) {
			if (!this.running) {
				throw new IOException("the service is stopping");
			}
		}
		this.claims.ready(claim, this.owner);
		log.info("document {} is READY: {} chunks", claim.documentId(), drafts.size());
	}

	private ExtractedText extract(Claim claim) throws IOException {
		Path file = Files.createTempFile("hb-extract-", ".bin");
		try {
			Optional<InputStream> original = this.blobs.open(new BlobKey(claim.blobKey()));
			if (original.isEmpty()) {
				throw new Extractor.Unextractable("its original is missing from the blob store");
			}
			try (InputStream in = original.get()) {
				Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			}
			return this.extractor.extract(file, claim.mediaType());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private void renew() {
		try {
			this.claims.renew(this.owner, Set.copyOf(this.inHand));
		}
		catch (RuntimeException ex) {
			log.warn("could not renew the ingestion leases: {}", ex.toString());
		}
	}

	private void sleepQuietly() {
		try {
			Thread.sleep(this.properties.pollInterval().toMillis() * 4);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String summary(Exception ex) {
		String message = String.valueOf(ex.getMessage());
		return ex.getClass().getSimpleName() + ": " + ((message.length() > 300) ? message.substring(0, 300) : message);
	}

}
