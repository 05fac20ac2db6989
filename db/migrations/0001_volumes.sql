CREATE TABLE `volumes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`short_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'unmounted' NOT NULL,
	`last_error` text,
	`last_health_check` integer,
	`config` text NOT NULL,
	`auto_remount` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volumes_short_id_unique` ON `volumes` (`short_id`);--> statement-breakpoint
CREATE INDEX `volumes_org` ON `volumes` (`organization_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `volumes_org_name` ON `volumes` (`organization_id`,`name`);