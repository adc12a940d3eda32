/**
 * The notification-service: email and signed webhooks driven by platform events.
 */
@NullMarked
package com.hirebuddha.notification;

import org.jspecify.annotations.NullMarked;
