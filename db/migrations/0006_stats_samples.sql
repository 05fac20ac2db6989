CREATE TABLE `repository_stats_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`repository_id` text NOT NULL,
	`taken_at` integer NOT NULL,
	`total_size` integer NOT NULL,
	`total_uncompressed_size` integer NOT NULL,
	`snapshots_count` integer NOT NULL,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `repository_stats_samples_repository_time` ON `repository_stats_samples` (`repository_id`,`taken_at`);