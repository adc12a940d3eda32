import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics listed in topics.conf (and their dead-letter twins) that do not exist yet;
 * run by kafka.sh with the broker's jars on the class path, in one JVM for all topics.
 */
class CreateTopics {

	public static void main(String[] args) throws Exception {
		String bootstrap = args[0];
		List<NewTopic> wanted = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of(args[1]))) {
			String[] fields = line.strip().split("\\s+");
			if (fields[0].isEmpty() || fields[0].startsWith("#")) {
				continue;
			}
			Map<String, String> configs = new HashMap<>();
			for (int i = 2; i < fields.length; i++) {
				String[] pair = fields[i].split("=", 2);
				configs.put(pair[0], pair[1]);
			}
			wanted.add(new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1).configs(configs));
			wanted.add(new NewTopic(fields[0] + ".dlt", 1, (short) 1));
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000))) {
			Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
			List<NewTopic> missing = wanted.stream().filter((t) -> !existing.contains(t.name())).toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
			}
			System.out.println("topics: " + wanted.size() + " wanted, " + missing.size() + " created");
		}
	}

}
