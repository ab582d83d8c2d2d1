import type { MetadataRoute } from 'next';
import zh from '@/messages/zh-CN.json';

/** The web app manifest (add to home screen on phones): the Chinese name, the brand colour, the icons of app/. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: zh.common.appName,
    short_name: zh.common.appShortName,
    description: zh.common.slogan,
    lang: 'zh-CN',
    start_url: '/',
    display: 'standalone',
    background_color: '#f5f7fa',
    theme_color: '#0052ab',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/apple-icon.png', sizes: '180x180', type: 'image/png' },
    ],
  };
}
